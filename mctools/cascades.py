r"""Information cascades: agents who learn from each other's choices stop using their own signals.

The sequential model of Bikhchandani, Hirshleifer and Welch (1992), with the tie rule of
Easley and Kleinberg (2010, ch. 16): the state is good or bad with equal prior odds; agent
:math:`i` privately sees a signal that is right with probability :math:`p > \tfrac12`, sees
every earlier agent's action, adopts iff the posterior that the state is good exceeds
:math:`\tfrac12`, and follows its own signal when exactly indifferent. Before a cascade every
action reveals its agent's signal; once the revealed signals differ by two, the next agent's
own signal can no longer tip the balance, and from then on every agent copies: a cascade.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_generator, check_integer, check_real

__all__ = ["information_cascade"]


def information_cascade(accuracy: float, agents: int, *, replicates: int = 1, rng=None):
    r"""Simulate sequential adoption decisions, all replicates at once.

    The true state is "good" (adopting is right). Agent :math:`i` sees a private signal, right
    with probability :math:`p`, and the actions of agents :math:`1, \dots, i-1`. Let
    :math:`d` be the number of revealed "good" signals minus "bad" ones. If :math:`|d| \ge 2`
    the agent copies the majority (a cascade: its signal is not revealed); otherwise it
    follows its own signal, which is revealed by its action and updates :math:`d`.

    Parameters
    ----------
    accuracy : float
        :math:`p \in (\tfrac12, 1)`, the probability a private signal is right.
    agents : int
        Number of agents in the sequence, at least 1.
    replicates : int
        Independent sequences.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    (actions, cascade_start) : tuple of numpy.ndarray
        ``actions``, shape (replicates, agents), 1 for adopt (right) and 0 for reject;
        ``cascade_start``, shape (replicates,), the 0-based index of the first agent who
        copies regardless of its signal, or ``agents`` if no cascade started. Theory: the
        probability that no cascade has started after :math:`2n` agents is
        :math:`(2p(1-p))^n`, and a cascade, once started, is right with probability
        :math:`p^2 / (p^2 + (1-p)^2)`.
    """
    p = check_real("accuracy", accuracy, lower=0.5, upper=1.0, lower_open=True, upper_open=True)
    agents = check_integer("agents", agents, lower=1)
    replicates = check_integer("replicates", replicates, lower=1)
    gen = as_generator(rng)
    signals = gen.random((replicates, agents)) < p  # True: the signal says "good"
    actions = np.empty((replicates, agents), dtype=int)
    revealed = np.zeros(replicates, dtype=int)  # revealed good signals minus bad ones
    start = np.full(replicates, agents)
    for i in range(agents):  # sequential by nature; replicates move together
        cascading = np.abs(revealed) >= 2
        start = np.where(cascading & (start == agents), i, start)
        own = signals[:, i].astype(int)
        actions[:, i] = np.where(cascading, (revealed > 0).astype(int), own)
        revealed = np.where(cascading, revealed, revealed + 2 * own - 1)
    return actions, start
