#!/usr/bin/env python3
"""Writes two versions of a generated Compose stack, for timing infraplan.

The stack has N application services in front of N/100 PostgreSQL servers.
Every service depends on its database (depends_on, service_healthy) and names
it in DB_HOST; service i also depends on service i/2 and names service i-1 in
UP_HOST, so the graph has long chains, wide fan-in and environment edges that
Compose does not see. The second version changes a third of the images and a
quarter of the environment, removes every fiftieth service of the second half
(which nothing depends on through depends_on, so the target stays valid) and
adds fifty.

Usage: gen-stack.py [--services N] [--out DIR]
Writes DIR/compose-a.yml and DIR/compose-b.yml; prints their paths.
"""

import argparse
import os


def removed(index, services, version):
    """In version 2, every 50th service of the second half goes: nothing depends on those."""
    return version == 2 and index * 2 >= services and index % 50 == 7


def service_lines(index, services, databases, version):
    """The YAML lines of application service `svc<index>`."""
    database = f"db{index % databases}"
    tag = "2.0" if version == 2 and index % 3 == 0 else "1.0"
    mode = "b" if version == 2 and index % 4 == 0 else "a"
    lines = [
        f"  svc{index}:",
        f"    image: example/app{index % 10}:{tag}",
        "    depends_on:",
        f"      {database}: {{condition: service_healthy}}",
    ]
    if index > 0:
        lines.append(f"      svc{index // 2}: {{condition: service_started}}")
    lines += ["    environment:", f"      DB_HOST: {database}", f"      MODE: {mode}"]
    if index > 2 and not removed(index - 1, services, version):
        lines.append(f"      UP_HOST: svc{index - 1}")
    lines.append(f"    networks: [net{index % 5}]")
    if index % 10 == 0:
        lines += [
            "    labels:",
            f"      - traefik.http.routers.r{index}.rule=Host(`h{index}.example.com`)",
        ]
    return lines


def database_lines(index):
    """The YAML lines of PostgreSQL server `db<index>`."""
    return [
        f"  db{index}:",
        "    image: postgres:16.4-alpine",
        '    command: ["postgres", "-c", "max_connections=1000"]',
        "    healthcheck:",
        '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
        f"    volumes: [\"data{index}:/var/lib/postgresql/data\"]",
        f"    networks: [{', '.join(f'net{k}' for k in range(5))}]",
    ]


def compose(services, version):
    """The whole compose file of one version, as text."""
    databases = max(1, services // 100)
    lines = ["name: bench", "services:"]
    for index in range(databases):
        lines += database_lines(index)
    for index in range(services):
        if not removed(index, services, version):
            lines += service_lines(index, services, databases, version)
    if version == 2:
        for index in range(50):
            target = index * 3 + 1
            while removed(target, services, version):
                target += 1
            lines += [f"  new{index}:", "    image: example/new:1.0",
                      f"    depends_on: [svc{target}]", "    networks: [net0]"]
    lines.append("volumes:")
    lines += [f"  data{index}: {{}}" for index in range(databases)]
    lines.append("networks:")
    lines += [f"  net{index}: {{}}" for index in range(5)]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--out", default=".")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    for version, name in ((1, "compose-a.yml"), (2, "compose-b.yml")):
        path = os.path.join(arguments.out, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(compose(arguments.services, version))
        print(path)


if __name__ == "__main__":
    main()
