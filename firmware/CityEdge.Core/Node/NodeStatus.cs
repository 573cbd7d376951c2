using System.Text;

namespace CityEdge.Node
{
    /// <summary>Retained status payloads on the node's status topic (docs/mqtt.md).</summary>
    public static class NodeStatus
    {
        /// <summary>Firmware version reported in the birth message.</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>The last-will and shutdown payload: the broker publishes it when the node vanishes.</summary>
        public static byte[] Offline()
        {
            return Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
        }

        /// <summary>The birth payload published on every connect.</summary>
        public static byte[] Online(string nodeId, uint firstSequenceOfBoot)
        {
            return Encoding.UTF8.GetBytes("{\"state\":\"online\",\"node\":\"" + nodeId + "\",\"firmware\":\"" + FirmwareVersion
                + "\",\"first_sequence\":" + firstSequenceOfBoot + "}");
        }
    }
}
