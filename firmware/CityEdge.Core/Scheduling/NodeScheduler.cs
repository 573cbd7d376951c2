using System;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Scheduling
{
    /// <summary>
    /// Cooperative, single-threaded scheduler over an injected clock. Tasks run at fixed periods
    /// anchored to their first due time (no drift from run duration); when the node falls more than
    /// a period behind, missed runs are skipped and counted rather than run in a burst.
    /// The owner's loop calls <see cref="RunDue"/> and waits until <see cref="NextDueMs"/>: the
    /// device app sleeps, the simulator advances its clock, so an hour simulates in milliseconds.
    /// </summary>
    public sealed class NodeScheduler
    {
        private const string LogTag = "sched";
        private readonly IClock _clock;
        private readonly ILogSink _log;
        private ScheduledEntry[] _entries = new ScheduledEntry[8];
        private int _count;

        public NodeScheduler(IClock clock, ILogSink log)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _clock = clock;
            _log = log ?? NullLogSink.Instance;
        }

        /// <summary>Runs that threw, over all tasks since start-up.</summary>
        public int FaultCount { get; private set; }

        /// <summary>Runs skipped because the node fell at least one whole period behind.</summary>
        public int SkippedRunCount { get; private set; }

        /// <summary>Longest <see cref="RunDue"/> pass (the main loop's work between two waits) since
        /// <see cref="TakeLongestPassMs"/> last read it, in ms of the node's clock.</summary>
        public long LongestPassMs { get; private set; }

        public int TaskCount
        {
            get { return _count; }
        }

        /// <summary>Told before and after every run; null (the default) for none.</summary>
        public ITaskObserver Observer { get; set; }

        /// <summary>Adds a task; its first run is <paramref name="firstDelayMs"/> after now.</summary>
        public void Add(string name, IScheduledTask task, int periodMs, int firstDelayMs)
        {
            if (task == null)
            {
                throw new ArgumentNullException("task");
            }

            if (periodMs <= 0)
            {
                throw new ArgumentOutOfRangeException("periodMs", "period must be positive, got " + periodMs);
            }

            if (firstDelayMs < 0)
            {
                throw new ArgumentOutOfRangeException("firstDelayMs", "delay must not be negative, got " + firstDelayMs);
            }

            if (_count == _entries.Length)
            {
                ScheduledEntry[] grown = new ScheduledEntry[_entries.Length * 2];
                Array.Copy(_entries, grown, _count);
                _entries = grown;
            }

            _entries[_count++] = new ScheduledEntry(name, task, periodMs, _clock.MonotonicMs() + firstDelayMs);
        }

        /// <summary>Stops running <paramref name="task"/> (a start-up step that has finished); safe inside its own run.</summary>
        public void Remove(IScheduledTask task)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_entries[i].Task == task)
                {
                    _count--;
                    Array.Copy(_entries, i + 1, _entries, i, _count - i);
                    _entries[_count] = null;
                    return;
                }
            }
        }

        /// <summary>The longest pass since the last call, and starts measuring again.</summary>
        public long TakeLongestPassMs()
        {
            long longest = LongestPassMs;
            LongestPassMs = 0;
            return longest;
        }

        /// <summary>How long the main loop may sleep now: until the next task is due, at most
        /// <paramref name="maxMs"/> (so the loop's own duties, e.g. the watchdog, keep their pace), never below 0.</summary>
        public int WaitMs(int maxMs)
        {
            long wait = NextDueMs - _clock.MonotonicMs();
            return wait <= 0 ? 0 : wait > maxMs ? maxMs : (int)wait;
        }

        /// <summary>Monotonic time at which the earliest task is next due.</summary>
        public long NextDueMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _count; i++)
                {
                    if (_entries[i].DueMs < next)
                    {
                        next = _entries[i].DueMs;
                    }
                }

                return next;
            }
        }

        /// <summary>
        /// Runs every task that is due, earliest first (registration order breaks ties), and returns
        /// the time the next one is due. A task that throws is counted and logged; the others still run.
        /// </summary>
        public long RunDue()
        {
            long start = _clock.MonotonicMs();
            while (true)
            {
                long now = _clock.MonotonicMs();
                ScheduledEntry due = null;
                for (int i = 0; i < _count; i++)
                {
                    ScheduledEntry entry = _entries[i];
                    if (entry.DueMs <= now && (due == null || entry.DueMs < due.DueMs))
                    {
                        due = entry;
                    }
                }

                if (due == null)
                {
                    if (now - start > LongestPassMs)
                    {
                        LongestPassMs = now - start;
                    }

                    return NextDueMs;
                }

                long behind = now - due.DueMs;
                if (behind >= due.PeriodMs)
                {
                    long skipped = behind / due.PeriodMs;
                    SkippedRunCount += (int)skipped;
                    due.DueMs += skipped * due.PeriodMs;
                }

                due.DueMs += due.PeriodMs;
                ITaskObserver observer = Observer;
                if (observer != null)
                {
                    observer.TaskStarting(due.Name);
                }

                try
                {
                    due.Task.Run(now);
                }
                catch (Exception ex)
                {
                    FaultCount++;
                    _log.Write(LogLevel.Error, LogTag, "task '" + due.Name + "' threw: " + ex.Message);
                }

                if (observer != null)
                {
                    observer.TaskFinished(due.Name);
                }
            }
        }

        private sealed class ScheduledEntry
        {
            public ScheduledEntry(string name, IScheduledTask task, int periodMs, long dueMs)
            {
                Name = name;
                Task = task;
                PeriodMs = periodMs;
                DueMs = dueMs;
            }

            public string Name { get; }

            public IScheduledTask Task { get; }

            public int PeriodMs { get; }

            public long DueMs { get; set; }
        }
    }
}
