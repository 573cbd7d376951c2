using System.Collections;
using System.Text;

namespace CityEdge.Config
{
    /// <summary>
    /// What a node accepts from a set-config command (docs/mqtt.md "Remote configuration",
    /// docs/security.md). A valid text is not enough: the node id stays the node's own, and TLS is never
    /// switched off remotely unless the factory config (the one a technician deployed) allowed plain
    /// MQTT. That permission, mqtt.allow_plaintext, can be cleared by a set-config but never set, so
    /// every remote config inherits it from the factory config at most. A refusal names every problem
    /// that fits in one ack detail and counts the rest, so junk input cannot build a large string on
    /// the device heap.
    /// </summary>
    public static class RemoteConfigPolicy
    {
        /// <summary>Longest refusal text: what one command ack carries (CommandAck.MaxDetailLength).</summary>
        public const int MaxRefusalLength = 200;

        /// <summary>Room kept for the "(+N more)" tail.</summary>
        private const int MoreLength = 12;

        /// <summary>The config to stage, or null with why in <paramref name="refusal"/> (at most
        /// <see cref="MaxRefusalLength"/> characters).</summary>
        public static NodeConfig Check(NodeConfig running, string text, out string refusal)
        {
            ArrayList errors = new ArrayList();
            NodeConfig candidate = NodeConfig.Parse(text, errors);
            if (candidate == null)
            {
                refusal = Summarise(errors);
                return null;
            }

            refusal = null;
            if (candidate.NodeId != running.NodeId)
            {
                refusal = "node.id: cannot be changed remotely (" + candidate.NodeId + ")";
            }
            else if (running.MqttTls && !candidate.MqttTls && !running.MqttAllowPlaintext)
            {
                refusal = "mqtt.tls: this node runs TLS and its factory config does not allow plaintext (mqtt.allow_plaintext); only a technician can change that";
            }
            else if (candidate.MqttAllowPlaintext && !running.MqttAllowPlaintext)
            {
                refusal = "mqtt.allow_plaintext: only the factory config can allow plain MQTT";
            }

            return refusal == null ? candidate : null;
        }

        /// <summary>"line 3: …; line 7: … (+12 more)", cut to <see cref="MaxRefusalLength"/>.</summary>
        private static string Summarise(ArrayList errors)
        {
            StringBuilder text = new StringBuilder(MaxRefusalLength);
            int listed = 0;
            while (listed < errors.Count)
            {
                string error = errors[listed].ToString();
                int separator = listed == 0 ? 0 : 2;
                bool last = listed == errors.Count - 1;
                if (text.Length + separator + error.Length > MaxRefusalLength - (last ? 0 : MoreLength))
                {
                    break;
                }

                if (separator > 0)
                {
                    text.Append("; ");
                }

                text.Append(error);
                listed++;
            }

            if (listed == 0)
            {
                // Even the first error is too long: cut it, the line number and key come first.
                string first = errors[0].ToString();
                text.Append(first.Substring(0, MaxRefusalLength - MoreLength));
                listed = 1;
            }

            if (listed < errors.Count)
            {
                text.Append(" (+" + (errors.Count - listed) + " more)");
            }

            return text.ToString();
        }
    }
}
