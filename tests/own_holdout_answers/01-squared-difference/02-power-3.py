# blind-answer: wrong
# mistake: cubes the difference
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return (x - y) ** 3
