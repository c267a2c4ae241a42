"""Variables that programs update themselves: the getting-started counter with tf.assign,
assign_add / assign_sub, and Variable.assign."""

import tensorflow as tf

state = tf.Variable(0, name="counter")
one = tf.constant(1)
new_value = tf.add(state, one)
update = tf.assign(state, new_value)

init_op = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init_op)
    print(sess.run(state))
    for _ in range(3):
        sess.run(update)
        print(sess.run(state))

total = tf.Variable(10.0)
add_two = tf.assign_add(total, 2.0)
take_half = tf.assign_sub(total, total / 2)
reset = total.assign(1.5)
scaled = tf.assign(total, total * 4)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("after assign_add:", sess.run(add_two))
    print("after assign_sub:", sess.run(take_half))
    print("after assign:", sess.run(reset), "then", sess.run(scaled))
    print("value now:", sess.run(total))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("a new session starts again:", sess.run(total))
