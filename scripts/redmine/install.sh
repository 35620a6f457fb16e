#!/bin/sh
# Installs Redmine 5 (Debian packages, SQLite) and Puma for the Ask-for-help integration tests; a no-op when already installed.
set -eu
if dpkg-query -W -f='${Status}\n' redmine redmine-sqlite puma curl 2>/dev/null | grep -qv 'install ok installed'; then
  missing=1
elif [ "$(dpkg-query -W -f='${Status}\n' redmine redmine-sqlite puma curl 2>/dev/null | wc -l)" -lt 4 ]; then
  missing=1
else
  missing=0
fi
[ "$missing" = 0 ] && exit 0
# Answer dbconfig-common's questions up front so the install is non-interactive and uses SQLite.
debconf-set-selections <<'SEL'
redmine redmine/current-instances string default
redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/default-language select en
SEL
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redmine redmine-sqlite puma curl >/dev/null
