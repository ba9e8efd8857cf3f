"""One module per CLI command: its help, its flags (`register(subparsers)`) and its `run(args)`, the only
place that turns arguments, errors and results into messages and exit codes. The work itself is done by the
packages below (check, deps, report, gate); cli.py wires these modules."""
