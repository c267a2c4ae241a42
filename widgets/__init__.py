"""deepslow.widgets: the Jupyter layer (graph stepper, training playground, explorers).

It imports deepslow; deepslow never imports it.
"""
