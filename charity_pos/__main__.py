from charity_pos.cli import main

raise SystemExit(main())
