#pragma once
// Runs independent tasks on a few threads. Each task writes only its own result slot, so the
// outcome never depends on the number of threads or on their timing.
#include <functional>

namespace chainsim::calibration {

// Calls task(0) .. task(count - 1), on at most `jobs` threads (1 = in the calling thread). The
// first exception (by task index) is rethrown after every task has finished.
void parallel_for(int count, int jobs, const std::function<void(int)>& task);

// std::thread::hardware_concurrency(), at least 1.
int default_jobs();

}  // namespace chainsim::calibration
