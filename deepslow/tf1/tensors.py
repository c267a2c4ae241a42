"""What TF1 programs read off a tensor that deepslow's nodes answer differently.

TF1 separates an operation from the tensor it outputs: `tensor.op` is the operation, and
`var.op.name` is the plain name ("layer1/weights"), as summaries and savers use it. In deepslow
a node is both, so `node.op` is the node itself. (Installed on Node here, as the operators are:
graph.py imports nothing above it.)
"""

from ..graph import Node

Node.op = property(lambda node: node, doc="TF1's tensor.op: in deepslow, the node itself")
