"""The wizard's pages, one module each; ``PAGES`` maps each ``core.flow.Step`` to its class."""
