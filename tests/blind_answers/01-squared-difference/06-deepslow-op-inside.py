# blind-answer: wrong
# mistake: calls the graph op tf.square inside compute, which builds a node instead of computing a value
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return tf.square(x - y)
