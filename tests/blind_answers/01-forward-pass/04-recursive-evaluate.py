# blind-answer: wrong
# mistake: evaluates each node by recursing into its inputs instead of using the stored values: right numbers, exponential work on shared nodes
def forward(order, feed):
    """{node: value} for every node of `order`, computed in that order."""
    values = {}
    for node in order:
        # YOUR CODE HERE
        def evaluate(n):
            if isinstance(n, Placeholder):
                return feed[n]
            if isinstance(n, Variable):
                return n.initial_value
            if isinstance(n, Constant):
                return n.value
            return n.compute(*[evaluate(i) for i in n.inputs])

        values[node] = evaluate(node)
    return values
