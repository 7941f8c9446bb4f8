"""Worker loops: fire due timers, warn about due dates, deliver the outbox."""
