using CityEdge.Link;

namespace CityEdge.Lighting
{
    /// <summary>
    /// The lamp's signed commands (docs/mqtt.md, "Actions"): lamp-level and lamp-override. Every
    /// override expires — a forgotten command must never leave a street dark — so a command without
    /// minutes, or with 0, lasts <see cref="DefaultMinutes"/>.
    /// </summary>
    public sealed class LightingCommands : ICommandHandler
    {
        /// <summary>How long an override lasts when the command gives no duration.</summary>
        public const int DefaultMinutes = 60;

        private readonly LightingPipeline _lighting;

        public LightingCommands(LightingPipeline lighting)
        {
            _lighting = lighting;
        }

        public int Execute(Command command)
        {
            byte[] a = command.Arguments;
            if (command.Action == CommandAction.LampSetLevel)
            {
                if (a.Length != 1 && a.Length != 3)
                {
                    command.Detail = "arguments: level (1 byte) [minutes (2 bytes)]";
                    return CommandResult.InvalidArgument;
                }

                if (a[0] > 100)
                {
                    command.Detail = "level: " + a[0] + " is outside 0..100";
                    return CommandResult.InvalidArgument;
                }

                _lighting.SetOverride(OverrideKind.Level, a[0], Minutes(a) * 60);
                return CommandResult.Ok;
            }

            if (a.Length != 3)
            {
                command.Detail = "arguments: mode (1 byte) minutes (2 bytes)";
                return CommandResult.InvalidArgument;
            }

            switch (a[0])
            {
                case 0:
                    _lighting.ClearOverride();
                    return CommandResult.Ok;
                case 1:
                    _lighting.SetOverride(OverrideKind.On, 100f, Minutes(a) * 60);
                    return CommandResult.Ok;
                case 2:
                    _lighting.SetOverride(OverrideKind.Off, 0f, Minutes(a) * 60);
                    return CommandResult.Ok;
                default:
                    command.Detail = "mode: " + a[0] + " is not 0 (auto), 1 (on) or 2 (off)";
                    return CommandResult.InvalidArgument;
            }
        }

        private static int Minutes(byte[] arguments)
        {
            int minutes = arguments.Length == 3 ? (arguments[1] << 8) | arguments[2] : 0;
            return minutes == 0 ? DefaultMinutes : minutes;
        }
    }
}
