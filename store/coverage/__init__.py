"""Coverage intelligence: which articles report the same happening, the
claims in them and who made them, which claims are the same across outlets,
and how each outlet worded the event."""
