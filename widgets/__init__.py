"""deepslow.widgets: the Jupyter layer (graph stepper, training playground, explorers).

It imports deepslow; deepslow never imports it.
"""

from .graph_stepper import GraphStepper as GraphStepper
from .playground import PlaygroundState as PlaygroundState
from .playground_view import TrainingPlayground as TrainingPlayground
