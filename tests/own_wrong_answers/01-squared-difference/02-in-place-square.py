# blind-answer: wrong
# mistake: squares x in place after subtracting
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        x -= y
        x **= 2
        return x
