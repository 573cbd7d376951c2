using CityEdge.Config;

namespace CityEdge.Node
{
    /// <summary>
    /// The node's MQTT topics, built once from its config so that publishing allocates no strings.
    /// Layout: {mqtt.topic_root}/{node.id}/{telemetry|events|status} (docs/mqtt.md).
    /// </summary>
    public sealed class NodeTopics
    {
        public NodeTopics(NodeConfig config)
            : this(config.TopicRoot, config.NodeId)
        {
        }

        public NodeTopics(string topicRoot, string nodeId)
        {
            Root = topicRoot;
            NodeId = nodeId;
            Telemetry = topicRoot + "/" + nodeId + "/telemetry";
            Status = topicRoot + "/" + nodeId + "/status";
            Events = topicRoot + "/" + nodeId + "/events";
        }

        public string Root { get; }

        public string NodeId { get; }

        /// <summary>Binary telemetry frames v1 (QoS 1, not retained).</summary>
        public string Telemetry { get; }

        /// <summary>Binary event frames v1 (QoS 1, not retained).</summary>
        public string Events { get; }

        /// <summary>Retained JSON status: birth on connect, "offline" as last will and on shutdown.</summary>
        public string Status { get; }

        /// <summary>Filter a command centre subscribes to for every node's telemetry under a root.</summary>
        public static string TelemetryFilter(string topicRoot)
        {
            return topicRoot + "/+/telemetry";
        }

        /// <summary>The node id in a telemetry or status topic under <paramref name="topicRoot"/>; null if
        /// the topic is not one.</summary>
        public static string NodeIdOf(string topic, string topicRoot)
        {
            string prefix = topicRoot + "/";
            if (topic == null || !topic.StartsWith(prefix))
            {
                return null;
            }

            int end = topic.IndexOf('/', prefix.Length);
            return end <= prefix.Length ? null : topic.Substring(prefix.Length, end - prefix.Length);
        }
    }
}
