"""Prints where the registry serves and the demo logins (demo only)."""

import os
import sys

from registry.demo import demo_logins, demo_wanted

host, port = sys.argv[1], sys.argv[2]
server = sys.argv[3] if len(sys.argv) > 3 else "gunicorn"
SERVERS = {
    "gunicorn": "gunicorn (production: workers × threads, graceful restart with kill -HUP)",
    "werkzeug": "Werkzeug development server with the reloader (make dev; not for real records)",
}
print(f"\n农村集体产权登记 — serving on http://{host}:{port}/")
print(f"  Server: {SERVERS.get(server, server)}")
print(f"  API rules: http://{host}:{port}/api/v1/rules   docs: http://{host}:{port}/api/v1/docs")
if demo_wanted(os.environ):
    print("  Demo logins (demo data only):")
    for u in demo_logins():
        print(
            f"    {u['role']:<9} {u['username']:<14} password {u['password']:<14} scope {u['scope'] or '-'}"
        )
print()
