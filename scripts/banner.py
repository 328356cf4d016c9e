"""Prints where the registry serves and the demo logins (demo only)."""
import os
import sys

from registry.demo import demo_logins, demo_wanted

host, port = sys.argv[1], sys.argv[2]
print(f"\n农村集体产权登记 — serving on http://{host}:{port}/")
print(f"  API rules: http://{host}:{port}/api/v1/rules   docs: http://{host}:{port}/api/v1/docs")
if demo_wanted(os.environ):
    print("  Demo logins (demo data only):")
    for u in demo_logins():
        print(f"    {u['role']:<9} {u['username']:<14} password {u['password']:<14} scope {u['scope'] or '-'}")
print()
