FIXERS = ()
