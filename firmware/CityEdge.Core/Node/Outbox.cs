using System.Collections;

namespace CityEdge.Node
{
    /// <summary>
    /// Encoded reports waiting for the link, oldest first, bounded by a frame count. When it is full
    /// the oldest frame is dropped and counted (reported in health), so memory never grows.
    /// </summary>
    public sealed class Outbox
    {
        private readonly Queue _frames = new Queue();
        private readonly int _capacity;

        public Outbox(int capacityFrames)
        {
            _capacity = capacityFrames;
        }

        public int Count
        {
            get { return _frames.Count; }
        }

        /// <summary>Frames dropped since start-up because the outbox was full.</summary>
        public int DroppedCount { get; private set; }

        public void Add(byte[] frame)
        {
            if (_frames.Count == _capacity)
            {
                _frames.Dequeue();
                DroppedCount++;
            }

            _frames.Enqueue(frame);
        }

        /// <summary>The oldest frame, or null when empty.</summary>
        public byte[] Peek()
        {
            return _frames.Count == 0 ? null : (byte[])_frames.Peek();
        }

        public void RemoveOldest()
        {
            _frames.Dequeue();
        }
    }
}
