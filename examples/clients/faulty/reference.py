"""The reference adapter (examples/clients/python/), for the faulty adapters here: each one is the
reference with ONE fault, made by overriding one hook of ``Client``."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from nss_adapter import Client, main  # noqa: E402

__all__ = ["Client", "main"]
