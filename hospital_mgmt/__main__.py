import sys

from .hospital_main import main

sys.exit(main())
