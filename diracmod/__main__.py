from diracmod.cli import main

raise SystemExit(main())
