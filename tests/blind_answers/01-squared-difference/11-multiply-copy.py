# blind-answer: correct
# mistake: multiplies a fresh difference by itself, d * d
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        difference = np.asarray(x) - np.asarray(y)  # a new array: the inputs stay as they are
        return difference * difference
