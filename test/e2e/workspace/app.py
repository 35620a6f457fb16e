# Sample Flask-style service for Vigil's end-to-end tests (scenario 8). Deliberately insecure.
import hashlib
import subprocess

import yaml


def load_settings(text):
    return yaml.load(text)


def archive(name):
    subprocess.call("tar czf /tmp/backup.tgz " + name, shell=True)


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()
