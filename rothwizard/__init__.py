"""RothWizard: plan a Backdoor Roth IRA and a Mega Backdoor Roth, step by step."""

__version__ = "0.1.0"
