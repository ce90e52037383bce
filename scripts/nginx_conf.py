"""Write the loopback nginx configuration (deploy/nginx/loopback.conf.template).

Used by scripts/bench.sh and by the slow-client test: nginx on 127.0.0.1:PORT in
front of gunicorn at UPSTREAM, serving STATIC_ROOT, with its pid, logs and buffers
in RUN_DIR. Prints the configuration file's path; run nginx with
`nginx -p RUN_DIR -c THAT_PATH` (it stays in the foreground: `daemon off`).

  python scripts/nginx_conf.py --port 27080 --upstream 127.0.0.1:27000 \\
      --static-root var/bench/staticfiles --run-dir /tmp/x
"""

import argparse
import os
import pwd
import re
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parents[1] / "deploy" / "nginx"


def write(*, port: int, upstream: str, static_root: Path, run_dir: Path) -> Path:
    run_dir.mkdir(parents=True, exist_ok=True)
    # As root, nginx's workers would run as `nobody` by default, and could neither read
    # a work tree under /root nor write their buffers here: they run as the caller.
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.getuid() == 0 else ""
    text = (CONF_DIR / "loopback.conf.template").read_text()
    for name, value in {
        "USER": user,
        "RUN_DIR": str(run_dir.resolve()),
        "CONF_DIR": str(CONF_DIR),
        "UPSTREAM": upstream,
        "PORT": str(port),
        "STATIC_ROOT": str(Path(static_root).resolve()),
    }.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    assert not left, f"placeholders left unfilled: {left}"
    conf = run_dir / "nginx.conf"
    conf.write_text(text)
    return conf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--static-root", type=Path, required=True)
    parser.add_argument("--run-dir", type=Path, required=True)
    args = parser.parse_args()
    print(
        write(
            port=args.port,
            upstream=args.upstream,
            static_root=args.static_root,
            run_dir=args.run_dir,
        )
    )


if __name__ == "__main__":
    main()
