"""InteractiveSession basics: .eval() and .run() without naming the session, integer constants,
making arrays, comparisons with operators, slicing."""

import tensorflow as tf

sess = tf.InteractiveSession()

a = tf.constant(5.0)
b = tf.constant(6.0)
c = a * b
print("c =", c.eval())

x = tf.Variable([1.0, 2.0])
init = tf.global_variables_initializer()
init.run()
sub = tf.subtract(x, a)
print("x - a =", sub.eval())

n = tf.constant(3)
print("integers:", (n * 2).eval(), tf.range(5).eval(), tf.range(2, 11, 3).eval())
m = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("shape", tf.shape(m).eval(), "size", tf.size(m).eval(), "rank", tf.rank(m).eval())
print("zeros", tf.zeros([2, 3]).eval().tolist(), "ones", tf.ones([3], tf.int32).eval(), "fill", tf.fill([2], 9).eval())
print("one_hot", tf.one_hot([0, 2], 3).eval().tolist())
print("max", tf.reduce_max(m).eval(), tf.reduce_max(m, axis=0).eval(), "min", tf.reduce_min(m, 1).eval())
print("prod", tf.reduce_prod(m, reduction_indices=1).eval(), "mean", tf.reduce_mean(m).eval())
print("m > 2.5:", (m > 2.5).eval().tolist())
print("m <= 2:", (m <= 2.0).eval().tolist())
print("where:", tf.where(m > 2.5, m, tf.zeros_like(m)).eval().tolist())
print("and/or:", tf.logical_and(m > 1.5, m < 5.5).eval().tolist(), tf.logical_or(m < 1.5, m > 5.5).eval().tolist())
print("abs/sqrt/pow:", tf.abs(-m).eval()[0], tf.sqrt(m).eval()[1], tf.pow(m, 2.0).eval()[0])
print("maximum/minimum:", tf.maximum(m, 3.0).eval()[0], tf.minimum(m, 3.0).eval()[1])
print("clip:", tf.clip_by_value(m, 2.0, 5.0).eval().tolist())
print("concat:", tf.concat([m, m], 0).eval().shape, tf.concat([m, m], axis=1).eval().shape)
print("stack:", tf.stack([m, m]).eval().shape, "expand:", tf.expand_dims(m, 0).eval().shape)
print("squeeze:", tf.squeeze(tf.expand_dims(m, 2)).eval().shape)
print("slice:", m[0].eval(), m[:, 1].eval(), m[1, 1:].eval())
print("cast:", tf.cast(m > 2.5, tf.float32).eval().tolist(), tf.to_int32(m * 1.5).eval().tolist())

counter = tf.Variable(0.0)
increment = tf.assign_add(counter, 1.0)
counter.initializer.run()
for _ in range(3):
    increment.eval()
print("counter:", counter.eval())
sess.close()
