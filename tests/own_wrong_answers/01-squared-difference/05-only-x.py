# blind-answer: wrong
# mistake: forgets y: squares x
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return x * x
