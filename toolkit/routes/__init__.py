"""`lessonkit routes check`: request every support route's web address and source, and say which
ones a person must look at (moved to another site, gone, unreachable, no longer saying what we
print, or not checked for too long).

Builds never import it, and only probe.py touches the network: a pack is made the same with or
without one."""
