# blind-answer: wrong
# mistake: forgets the square: |x - y|
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return np.abs(x - y)
