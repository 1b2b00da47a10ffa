#!/usr/bin/env python3
"""The reference adapter of the NSS Simulator's conformance kit (docs/kit.md): one task on
stdin, one result on stdout. Python 3.11, standard library only.

    echo '{"protocol": 1, "action": "read_news", ...}' | python3 adapter.py
"""

import sys

from nss_adapter import main

if __name__ == "__main__":
    sys.exit(main())
