/**
 * The card platform's WSDL, written by hand as the vendor ships it: SOAP 1.1,
 * document/literal, one port. Kept as a module (not a loose .wsdl file) so the esbuild
 * bundle carries it; the emulator serves it at `/cardholders/v1?wsdl`.
 * The address is a placeholder: clients set the endpoint they were configured with.
 */
export const CARDHOLDERS_NAMESPACE = 'http://cards.strata.example/cardholders/v1';

const cardholderFields = `
          <xs:element name="CardholderId" type="tns:CardholderIdType" minOccurs="0"/>
          <xs:element name="CustomerRef" type="xs:string" minOccurs="0"/>
          <xs:element name="FullName" type="xs:string"/>
          <xs:element name="DateOfBirth" type="xs:string" minOccurs="0"/>
          <xs:element name="EmailAddress" type="xs:string" minOccurs="0"/>
          <xs:element name="MobileNumber" type="xs:string" minOccurs="0"/>
          <xs:element name="AddrLine1" type="xs:string" minOccurs="0"/>
          <xs:element name="AddrLine2" type="xs:string" minOccurs="0"/>
          <xs:element name="AddrLine3" type="xs:string" minOccurs="0"/>
          <xs:element name="PostCode" type="xs:string" minOccurs="0"/>
          <xs:element name="CountryCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Status" type="tns:CardStatusType"/>
          <xs:element name="CardProduct" type="xs:string" minOccurs="0"/>`;

const operation = (name: string) => `
    <wsdl:operation name="${name}">
      <soap:operation soapAction="${CARDHOLDERS_NAMESPACE}/${name}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="CardFault"><soap:fault name="CardFault" use="literal"/></wsdl:fault>
    </wsdl:operation>`;

const messages = (name: string) => `
  <wsdl:message name="${name}Request"><wsdl:part name="parameters" element="tns:${name}"/></wsdl:message>
  <wsdl:message name="${name}Response"><wsdl:part name="parameters" element="tns:${name}Response"/></wsdl:message>`;

const portOperation = (name: string) => `
    <wsdl:operation name="${name}">
      <wsdl:input message="tns:${name}Request"/>
      <wsdl:output message="tns:${name}Response"/>
      <wsdl:fault name="CardFault" message="tns:CardFaultMessage"/>
    </wsdl:operation>`;

const OPERATIONS = ['GetCardholder', 'SearchCardholders', 'UpsertCardholder', 'ListCardholders'];

export const CARDHOLDERS_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="CardholderService"
    targetNamespace="${CARDHOLDERS_NAMESPACE}"
    xmlns:tns="${CARDHOLDERS_NAMESPACE}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
    <xs:schema targetNamespace="${CARDHOLDERS_NAMESPACE}" elementFormDefault="qualified">
      <xs:simpleType name="CardholderIdType">
        <xs:restriction base="xs:string"><xs:pattern value="CP-[0-9]{6}"/></xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="CardStatusType">
        <xs:restriction base="xs:string">
          <xs:enumeration value="OPEN"/><xs:enumeration value="BLOCKED"/><xs:enumeration value="CLOSED"/>
        </xs:restriction>
      </xs:simpleType>
      <xs:complexType name="Cardholder">
        <xs:sequence>${cardholderFields}
        </xs:sequence>
      </xs:complexType>
      <xs:element name="GetCardholder">
        <xs:complexType><xs:sequence><xs:element name="CardholderId" type="xs:string"/></xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="GetCardholderResponse">
        <xs:complexType><xs:sequence><xs:element name="Cardholder" type="tns:Cardholder"/></xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="SearchCardholders">
        <xs:complexType><xs:sequence>
          <xs:element name="CustomerRef" type="xs:string" minOccurs="0"/>
          <xs:element name="EmailAddress" type="xs:string" minOccurs="0"/>
          <xs:element name="FamilyName" type="xs:string" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="SearchCardholdersResponse">
        <xs:complexType><xs:sequence>
          <xs:element name="Cardholder" type="tns:Cardholder" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="UpsertCardholder">
        <xs:complexType><xs:sequence><xs:element name="Cardholder" type="tns:Cardholder"/></xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="UpsertCardholderResponse">
        <xs:complexType><xs:sequence>
          <xs:element name="Created" type="xs:boolean"/>
          <xs:element name="Cardholder" type="tns:Cardholder"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="ListCardholders">
        <xs:complexType><xs:sequence>
          <xs:element name="PageSize" type="xs:int"/>
          <xs:element name="StartAfter" type="xs:string" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="ListCardholdersResponse">
        <xs:complexType><xs:sequence>
          <xs:element name="Cardholder" type="tns:Cardholder" minOccurs="0" maxOccurs="unbounded"/>
          <xs:element name="NextStartAfter" type="xs:string" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="CardFault">
        <xs:complexType><xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Message" type="xs:string"/>
          <xs:element name="Field" type="xs:string" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
  </wsdl:types>
${OPERATIONS.map(messages).join('')}
  <wsdl:message name="CardFaultMessage"><wsdl:part name="fault" element="tns:CardFault"/></wsdl:message>
  <wsdl:portType name="CardholderPortType">${OPERATIONS.map(portOperation).join('')}
  </wsdl:portType>
  <wsdl:binding name="CardholderBinding" type="tns:CardholderPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${OPERATIONS.map(operation).join('')}
  </wsdl:binding>
  <wsdl:service name="CardholderService">
    <wsdl:port name="CardholderPort" binding="tns:CardholderBinding">
      <soap:address location="http://127.0.0.1:8383/cardholders/v1"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
