using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("CityEdge.Device")]
[assembly: AssemblyDescription("CityEdge street-furniture node: nanoFramework device app for ESP32")]
[assembly: AssemblyProduct("CityEdge")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
