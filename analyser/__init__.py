"""analyser: weak-signal analysis of after-sales support tickets."""

__version__ = "0.1.0"
