"""The Ray engine: batch jobs on Ray actors, on this machine or across a cluster.

    with RayEngine(address="auto") as engine:          # the cluster `ray start --head` made
        for result in run_batch(["archive/"], "/shared/out", BatchSettings("translate"), engine=engine):
            ...

`engine` (the driver side: starting or joining Ray, the actors, retries, progress)
→ `actor` (`DocWorker`, one per worker, holding its models) → `batch.staging` (the
outputs each actor writes into the shared output folder, published by the job);
`instance` starts a private local instance or joins a cluster, and `reaper` stops a
local instance's processes if the job is killed. Ray is an optional dependency
(``pip install 'mananera-summarizer[ray]'``), imported only when the engine starts.
"""

from .engine import ATTEMPTS, WORKER_DIED, RayEngine

__all__ = ["RayEngine", "WORKER_DIED", "ATTEMPTS"]
