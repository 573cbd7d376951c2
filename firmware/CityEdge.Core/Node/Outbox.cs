using System.Collections;

namespace CityEdge.Node
{
    /// <summary>
    /// Encoded frames (reports and events) waiting for the link, oldest first, each with its topic,
    /// bounded by a frame count. When it is full the oldest frame is dropped and counted (reported in
    /// health), so memory never grows.
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

        public void Add(string topic, byte[] frame)
        {
            if (_frames.Count == _capacity)
            {
                _frames.Dequeue();
                DroppedCount++;
            }

            _frames.Enqueue(new OutboxItem(topic, frame));
        }

        /// <summary>The oldest item, or null when empty.</summary>
        public OutboxItem Peek()
        {
            return _frames.Count == 0 ? null : (OutboxItem)_frames.Peek();
        }

        public void RemoveOldest()
        {
            _frames.Dequeue();
        }
    }

    /// <summary>One queued frame and the topic it goes to.</summary>
    public sealed class OutboxItem
    {
        public OutboxItem(string topic, byte[] frame)
        {
            Topic = topic;
            Frame = frame;
        }

        public string Topic { get; }

        public byte[] Frame { get; }
    }
}
