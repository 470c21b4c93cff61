"""claims.per_process: one object per process and key, rebuilt in a forked child."""

import os

from claims.per_process import per_process


def test_the_same_key_gives_the_same_object_and_another_key_another():
    first = per_process(("test-per-process", 1), object)
    assert per_process(("test-per-process", 1), object) is first
    assert per_process(("test-per-process", 2), object) is not first


def test_a_forked_child_builds_its_own():
    parent = per_process("test-per-process-fork", object)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: its own object, not the parent's copy
        own = per_process("test-per-process-fork", object)
        os.write(writing, b"own" if own is not parent else b"inherited")
        os._exit(0)
    os.close(writing)
    answer = os.read(reading, 16)
    os.waitpid(child, 0)
    assert answer == b"own"
