# blind-answer: correct
# mistake: computes (y - x)², which is the same thing
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return (y - x) ** 2
