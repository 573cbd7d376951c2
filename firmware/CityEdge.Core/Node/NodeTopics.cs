using CityEdge.Config;

namespace CityEdge.Node
{
    /// <summary>
    /// The node's MQTT topics, built once from its config so that publishing allocates no strings.
    /// Layout: {mqtt.topic_root}/{node.id}/{telemetry|events|status|command|command-ack|config} (docs/mqtt.md).
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
            Command = topicRoot + "/" + nodeId + "/command";
            CommandAck = topicRoot + "/" + nodeId + "/command-ack";
            Config = topicRoot + "/" + nodeId + "/config";
        }

        public string Root { get; }

        public string NodeId { get; }

        /// <summary>Binary telemetry frames v1 (QoS 1, not retained).</summary>
        public string Telemetry { get; }

        /// <summary>Binary event frames v1 (QoS 1, not retained).</summary>
        public string Events { get; }

        /// <summary>Retained JSON status: birth on connect, "offline" as last will and on shutdown.</summary>
        public string Status { get; }

        /// <summary>Signed command frames to this node (QoS 1, not retained, expire after 5 min).</summary>
        public string Command { get; }

        /// <summary>Signed acks of this node's commands (QoS 1, not retained).</summary>
        public string CommandAck { get; }

        /// <summary>Retained JSON: the running config's version, trial state and keys (secrets left out).</summary>
        public string Config { get; }

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
