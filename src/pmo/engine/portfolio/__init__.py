"""Portfolio optimisation: which candidate projects to do and when each starts, for the most value within budgets,
capacity per role, windows, dependencies and balance rules — selected and scheduled in one exact model.

Public API:

- `Problem`, `Candidate`, `Budget`, `Dependency`, `BalanceRule` (and their JSON form), `Solution`;
- `solve(problem, time_limit=...)`: the optimiser (HiGHS on the time-indexed model, then neighbourhood search);
- `greedy(problem)`: the ranking baseline (value per cost, earliest start that fits);
- `violations(problem, starts)`: an independent check of a solution;
- `explain(problem, starts)` / `diagnose(problem)`: why projects are out or late; why there is no solution;
- `frontier(problem, levels)`: the best value per budget (or capacity) level;
- `ahp`: weights of drivers from pairwise comparisons, strategic scores and their sensitivity.
"""

from .check import value, violations
from .explain import Reason, diagnose, explain
from .frontier import Point, frontier, scaled
from .greedy import greedy
from .problem import BalanceRule, Budget, Candidate, Dependency, Problem, Solution
from .solve import solve

__all__ = [
    "BalanceRule",
    "Budget",
    "Candidate",
    "Dependency",
    "Point",
    "Problem",
    "Reason",
    "Solution",
    "diagnose",
    "explain",
    "frontier",
    "greedy",
    "scaled",
    "solve",
    "value",
    "violations",
]
