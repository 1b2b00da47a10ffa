"""A small conformance harness for the driver protocol (docs/kit.md), used by check.py: it plays the
kit's part (workspaces, the NACCS center, the checks) around a client command."""
