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

from ._domains import COUNT, SEED, Real, domains

__all__ = ["information_cascade"]


@domains(accuracy=Real("(0.5, 1)"), agents=COUNT, replicates=COUNT, rng=SEED)
def information_cascade(accuracy: float, agents: int, *, replicates: int = 1, rng=None):
    r"""Simulate sequential adoption decisions, all replicates at once.

    The true state is "good" (adopting is right). Agent :math:`i` sees a private signal, right
    with probability :math:`p`, and the actions of agents :math:`1, \dots, i-1`. Let
    :math:`d` be the number of revealed "good" signals minus "bad" ones. If :math:`|d| \ge 2`
    the agent copies the majority (a cascade: its signal is not revealed); otherwise it
    follows its own signal, which is revealed by its action and updates :math:`d`.

    Computed in closed form rather than agent by agent: :math:`d` is 0 after every pair of
    agents :math:`(2k, 2k + 1)` whose signals disagree, so the first pair whose signals agree
    starts a cascade at agent :math:`2k + 2` that copies that pair's signal. (This uses the
    same signals, so it returns exactly what the agent-by-agent rule does.)

    Parameters
    ----------
    accuracy : float
        :math:`p \in (\tfrac12, 1)`, the probability a private signal is right.
    agents : int
        Number of agents in the sequence, at least 1.
    replicates : int
        Independent sequences, at least 1.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    (actions, cascade_start) : tuple of numpy.ndarray
        ``actions``, shape (replicates, agents), int64, 1 for adopt (right) and 0 for reject;
        ``cascade_start``, shape (replicates,), the 0-based index of the first agent who
        copies regardless of its signal, or ``agents`` if no cascade started. Theory: the
        probability that no cascade has started after :math:`2n` agents is
        :math:`(2p(1-p))^n`, and a cascade, once started, is right with probability
        :math:`p^2 / (p^2 + (1-p)^2)`.
    """
    p = accuracy
    uniforms = rng.random((replicates, agents))
    signals = uniforms < p  # True: the signal says "good"
    by_agent = np.ascontiguousarray(signals.T)  # each agent's signals contiguous, for the loop over pairs
    undecided = np.ones(replicates, dtype=bool)  # no pair has agreed yet
    follow = np.zeros(replicates, dtype=bool)  # the signal of the first pair that agreed
    # pairs that disagreed before the first that agreed; a small integer type is quicker to add booleans to
    disagreed = np.zeros(replicates, dtype=np.min_scalar_type(agents))
    for k in range(agents // 2):  # replicates move together
        agree = by_agent[2 * k] == by_agent[2 * k + 1]
        follow |= undecided & agree & by_agent[2 * k]
        undecided &= ~agree
        disagreed += undecided
    start = np.minimum(2 * disagreed.astype(int) + 2, agents)
    # Rows by start s: agent i copies iff i >= s, and then takes the value f (row 2 s + f of copies).
    copying = np.arange(agents) >= np.arange(agents + 1)[:, None]
    copies = (copying[:, None, :] & np.array([[False], [True]])).reshape(-1, agents)
    adopt = ~copying.take(start, axis=0)  # row gathers: quicker than broadcasting along the short agent axis
    adopt &= signals
    adopt |= copies.take(2 * start + follow, axis=0)
    # The uniforms are spent: their memory (a float64 is as wide as an int64) takes the actions,
    # rather than a new array of that size (allocating and first touching it costs as much as the rest).
    actions = uniforms.view(np.int64)
    np.copyto(actions, adopt)
    return actions, start
