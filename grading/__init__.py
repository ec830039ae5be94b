"""The course's grader, for instructors only: not part of the installed ``mctools`` package.

A student's function is graded on hidden cases, in two processes:

``references/``
    one module per chapter: each autograded exercise's reference function, fixed edge cases and
    a generator of random cases (drawn from the run's seed), and its points;
``sandbox.py``
    the student's side: runs the notebook's cells in a process of its own (memory and time
    limits, an audit hook flagging tampering) and calls the function on the cases, under the
    watch of ``mctools.exercises._forbidden`` (no credit for calling the course's own
    implementation); it sends back only what the function returned;
``runner.py``
    starts and drives the sandbox, kills it past its time limit, restarts it without a cell that
    ended it;
``notebook.py``
    grades one notebook: hidden cases in, outputs back, compared here with the references;
``gradebook.py``
    a class: one CSV row per student (``scripts/grade.py`` is the command);
``gradescope.py``
    the Gradescope autograder of each chapter (``make autograders``), and what runs inside it.

The conventions of the notebooks (which cell is the check, which function it names) come from
``coursekit``; the public cases, tolerances and forbidden names from ``mctools.exercises``.
"""
