"""Build hook (the project's metadata is in pyproject.toml): a wheel carries the top-level resources/
folder inside the package, as rothwizard/resources, where rothwizard.paths finds it with
importlib.resources wherever the package is installed."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = HERE / "resources"
        target = Path(self.build_lib) / "rothwizard" / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildPyWithResources})
