"""The rest of TensorFlow 1's surface that tutorials use, kept apart from the teaching core.

The core (deepslow/graph.py, ops.py, session.py, backprop.py, train.py) is what the lessons read:
the ops a learner builds a network from. This package adds what real TF1 programs also reach for,
one theme per module, each op still a short `compute` with its gradient registered below it:

    math_ops       abs, sqrt, pow with a node exponent, maximum/minimum, clip_by_value, reduce_max/min/prod, ...
    logic_ops      comparisons, logical_and/or/not/xor, where, reduce_any/all
    array_ops      zeros/ones/fill, *_like, concat, stack, expand_dims, squeeze, shape, size, one_hot, range, ...
    random_ops     random_normal, random_uniform, truncated_normal, set_random_seed, tf.nn.dropout
    state_ops      assign, assign_add, assign_sub
    nn_ops         tf.nn's losses and activations beyond the core: sigmoid cross-entropy, l2_loss, ...
    clip_ops       clip_by_norm, clip_by_global_norm, global_norm
    scopes         name_scope, variable_scope, get_variable
    initializers   zeros_initializer, glorot_uniform_initializer, ... (also the tf.initializers namespace)
    optimizers     RMSProp, Adagrad and Adadelta as `update` rules
    saver          train.Saver and latest_checkpoint
    summary        tf.summary: scalar, histogram, merge_all, FileWriter (TensorBoard event files)
    graph_collections  get_collection, add_to_collection, GraphKeys
    global_step    get_or_create_global_step
    shapes         the static shape of a node, where it can be told before running
    tensors        node.op (TF1's tensor.op: in deepslow, the node itself), get_shape() as a TensorShape
    session_config ConfigProto and GPUOptions: accepted, and ignored (one process, the CPU)
    missing        the clear error for TF1 names outside deepslow's subset (tf1_names.py: TF1's names)

and the public namespaces `tf.train`, `tf.layers`, `tf.losses`, `tf.summary`, `tf.initializers`,
`tf.random`, `tf.math`, `tf.logging` as modules of their own (train.py, layers.py, ...).
deepslow/__init__.py and deepslow/nn.py gather the top-level and `tf.nn` names.

Operators TF defines on tensors (`<`, `&`, `x[0]`, `2 ** x`, ...) are installed on Node by the
modules of their ops (logic_ops, math_ops, array_ops), as deepslow/ops.py installs `+` and `*`:
graph.py, which defines Node, imports nothing above it.
"""
