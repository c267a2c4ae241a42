"""deepslow.widgets: the Jupyter layer (graph stepper, training playground, explorers).

It imports deepslow; deepslow never imports it.
"""

from .descent import DescentExplorer as DescentExplorer
from .descent import DescentState as DescentState
from .graph_stepper import GraphStepper as GraphStepper
from .perceptron import PerceptronExplorer as PerceptronExplorer
from .perceptron import PerceptronState as PerceptronState
from .playground import PlaygroundState as PlaygroundState
from .playground_view import TrainingPlayground as TrainingPlayground
